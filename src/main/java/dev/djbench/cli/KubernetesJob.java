package dev.djbench.cli;

import dev.djbench.plan.BlockOrder;
import dev.djbench.plan.InjectTimeline;
import dev.djbench.plan.Profile;
import dev.djbench.runner.InjectRun;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Kubernetes manifest of a distributed run ({@code djbench inject --kubernetes-job}): a
 * ConfigMap holding the scenario's exact bytes (so that every part, and the merge, hash the same
 * file), and an Indexed Job of N pods, pod {@code i} running part {@code i+1} of N and writing its
 * folder to a shared volume. Kubernetes schedules, retries nothing ({@code backoffLimit: 0}: a part
 * started late would miss the start) and keeps the pods' logs; djbench writes no scheduler.
 */
final class KubernetesJob {

  /** Kubernetes' own limit on an Indexed Job's completions is larger; this keeps typos out. */
  static final int MAX_PARTS = 1000;

  /** Minutes a Job may take beyond its timeline: scheduling, image pulls, the clock probe. */
  static final int SLACK_SECONDS = 900;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=%+,@-]+");

  private final Scenario scenario;
  private final Path scenarioFile;
  private final int parts;
  private final Instant startAt;
  private final long seed;
  private final String profile;
  private final int blocks;
  private final String threshold;
  private final List<String> only;
  private final List<String> allowRemote;
  private final String image;
  private final String volumeClaim;

  KubernetesJob(
      Scenario scenario,
      Path scenarioFile,
      int parts,
      Instant startAt,
      long seed,
      String profile,
      int blocks,
      String threshold,
      List<String> only,
      List<String> allowRemote,
      String image,
      String volumeClaim) {
    this.scenario = scenario;
    this.scenarioFile = scenarioFile;
    this.parts = parts;
    this.startAt = startAt;
    this.seed = seed;
    this.profile = profile;
    this.blocks = blocks;
    this.threshold = threshold;
    this.only = List.copyOf(only);
    this.allowRemote = List.copyOf(allowRemote);
    this.image = image;
    this.volumeClaim = volumeClaim;
  }

  /** The job's name: {@code djbench-inject-<seed>}, a valid DNS label. */
  String name() {
    return "djbench-inject-" + Long.toUnsignedString(seed);
  }

  String yaml() {
    List<Experiment> experiments =
        scenario.experiments().stream()
            .filter(e -> only.isEmpty() || only.contains(e.id()))
            .toList();
    Profile p = Profile.named(profile).orElseThrow();
    long seconds = InjectTimeline.of(experiments, p, new BlockOrder(seed), blocks).seconds();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(scenarioFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = name();
    String folder = "/parts/" + name;
    List<String> command = new ArrayList<>();
    command.add("exec djbench inject /scenario/" + InjectRun.SCENARIO_COPY);
    command.add("--part \"$((JOB_COMPLETION_INDEX + 1))/" + parts + "\"");
    command.add("--start-at " + quote(startAt.toString()));
    command.add("--seed " + Long.toString(seed));
    command.add("--profile " + quote(profile));
    command.add("--blocks " + blocks);
    command.add("--threshold " + quote(threshold));
    if (!only.isEmpty()) {
      command.add("--only " + quote(String.join(",", only)));
    }
    if (!allowRemote.isEmpty()) {
      command.add("--allow-remote " + quote(String.join(",", allowRemote)));
    }
    var gate = InjectRun.gateTargets(experiments);
    if (!gate.isEmpty()) {
      command.add("--baseline-url " + quote(gate.get(dev.djbench.scenario.GateSpec.BASELINE)));
      command.add("--candidate-url " + quote(gate.get(dev.djbench.scenario.GateSpec.CANDIDATE)));
    }
    command.add("--out \"" + folder + "/part-$((JOB_COMPLETION_INDEX + 1))-of-" + parts + "\"");
    StringBuilder y = new StringBuilder();
    y.append("# djbench distributed run: ")
        .append(parts)
        .append(parts == 1 ? " injector" : " injectors")
        .append(" against ")
        .append(scenario.app().url())
        .append(", suite '")
        .append(scenario.suite())
        .append("', seed ")
        .append(Long.toUnsignedString(seed))
        .append(String.format(Locale.ROOT, ", %d:%02d of load", seconds / 60, seconds % 60))
        .append(" from ")
        .append(startAt)
        .append(" (the target's clock).\n");
    y.append("# Apply it before then, leaving each pod at least ")
        .append(InjectRun.MIN_LEAD_SECONDS)
        .append(" s for its clock probe and warm-up once it runs:\n");
    y.append("#   kubectl apply -f this-file.yaml\n");
    y.append("# The parts write ").append(folder).append("/part-I-of-").append(parts);
    y.append(" on the claim '").append(volumeClaim).append("' (ReadWriteMany). Then:\n");
    y.append("#   djbench merge ").append(folder).append("/part-*-of-").append(parts).append("\n");
    y.append(
        "# (docs/distributed.md). A part that fails or falls behind makes its trials invalid.\n");
    y.append("apiVersion: v1\n");
    y.append("kind: ConfigMap\n");
    y.append("metadata:\n");
    y.append("  name: ").append(name).append("-scenario\n");
    labels(y, "  ");
    y.append("binaryData:\n");
    y.append("  # the scenario's exact bytes: the parts and the merge check its SHA-256\n");
    y.append("  ")
        .append(InjectRun.SCENARIO_COPY)
        .append(": ")
        .append(Base64.getEncoder().encodeToString(bytes))
        .append("\n");
    y.append("---\n");
    y.append("apiVersion: batch/v1\n");
    y.append("kind: Job\n");
    y.append("metadata:\n");
    y.append("  name: ").append(name).append("\n");
    labels(y, "  ");
    y.append("spec:\n");
    y.append("  completionMode: Indexed\n");
    y.append("  completions: ").append(parts).append("\n");
    y.append("  parallelism: ").append(parts).append("\n");
    y.append(
        "  # A retried part would start after the timeline did: it fails instead, and says so.\n");
    y.append("  backoffLimit: 0\n");
    y.append("  activeDeadlineSeconds: ").append(seconds + SLACK_SECONDS).append("\n");
    y.append("  template:\n");
    y.append("    metadata:\n");
    labels(y, "      ");
    y.append("    spec:\n");
    y.append("      restartPolicy: Never\n");
    y.append("      affinity:\n");
    y.append("        podAntiAffinity:\n");
    y.append(
        "          # one injector a node where the cluster allows: parts on one node share its CPUs\n");
    y.append("          preferredDuringSchedulingIgnoredDuringExecution:\n");
    y.append("            - weight: 100\n");
    y.append("              podAffinityTerm:\n");
    y.append("                topologyKey: kubernetes.io/hostname\n");
    y.append("                labelSelector:\n");
    y.append("                  matchLabels:\n");
    y.append("                    djbench/run: ").append(name).append("\n");
    y.append("      containers:\n");
    y.append("        - name: injector\n");
    y.append("          image: ").append(yamlString(image)).append("\n");
    y.append("          command: [\"sh\", \"-c\"]\n");
    y.append("          args:\n");
    y.append("            - >-\n");
    for (String line : command) {
      y.append("              ").append(line).append("\n");
    }
    y.append("          resources:\n");
    y.append(
        "            # the injector's JVM and Gatling; a part that lags behind its schedule is\n");
    y.append("            # marked and its trials invalid, never hidden (docs/distributed.md)\n");
    y.append("            requests: {cpu: \"2\", memory: 1Gi}\n");
    y.append("            limits: {memory: 2Gi}\n");
    y.append("          volumeMounts:\n");
    y.append("            - {name: scenario, mountPath: /scenario, readOnly: true}\n");
    y.append("            - {name: parts, mountPath: /parts}\n");
    y.append("      volumes:\n");
    y.append("        - name: scenario\n");
    y.append("          configMap: {name: ").append(name).append("-scenario}\n");
    y.append("        - name: parts\n");
    y.append("          persistentVolumeClaim: {claimName: ")
        .append(yamlString(volumeClaim))
        .append("}\n");
    return y.toString();
  }

  private void labels(StringBuilder y, String indent) {
    y.append(indent).append("labels:\n");
    y.append(indent).append("  app.kubernetes.io/name: djbench\n");
    y.append(indent).append("  djbench/run: ").append(name()).append("\n");
  }

  /** A YAML string: as it is when plain, else double-quoted. */
  static String yamlString(String value) {
    if (value.matches("[A-Za-z0-9][A-Za-z0-9_./:@-]*")) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** A shell word: as it is when plain, else single-quoted. */
  static String quote(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\"'\"'") + "'";
  }
}
