package dev.djbench.doctor;

/**
 * What a page's repeated query groups cost under load: the page measured alone at a fixed
 * open-model rate, with the probe's {@code dbgroups} time of every request.
 *
 * @param ratePerSecond the arrival rate asked for
 * @param seconds the measured window (after a warm-up)
 * @param requests the requests of the measured window that answered
 * @param achievedRatePerSecond the rate they arrived at
 * @param serverP50Micros the median server time under that load; null when not reported
 * @param serverMeanMicros the mean server time; null when not reported
 * @param groupsMeanMicros the mean time per request in the repeated groups; null when not reported
 * @param groupsShare {@code groupsMeanMicros / serverMeanMicros}: the share of server time the
 *     repeated groups took; null when either is not reported
 * @param invalid why the measurement is not to be trusted (the load fell behind, errors…); empty
 *     when it is valid
 */
public record LoadCost(
    double ratePerSecond,
    int seconds,
    long requests,
    double achievedRatePerSecond,
    Double serverP50Micros,
    Double serverMeanMicros,
    Double groupsMeanMicros,
    Double groupsShare,
    String invalid) {}
