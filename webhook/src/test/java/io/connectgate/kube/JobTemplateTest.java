package io.connectgate.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.deploy.EntryHash;
import io.connectgate.deploy.JobNaming;
import io.connectgate.deploy.JobRequest;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates, their substitution and the identity connectgate enforces, without an API server. */
class JobTemplateTest {

  static final JobRequest JOB = request("kafka", "replicator-connector", "uid-1", "replicator-connector.json",
      "{\"name\":\"r\",\"config\":{\"connector.class\":\"X\"}}", "http://connect.kafka.svc:8083");

  static JobRequest request(String ns, String configMap, String uid, String key, String content, String url) {
    return new JobRequest(ns, configMap, uid, key, EntryHash.of(key, content, url), url);
  }

  static JobBuilder launcher(JobTemplate template) {
    return new JobBuilder(template, "connectgate:1.2.3");
  }

  @Test
  void aReplacementTemplateKeepsItsShapeButNotItsIdentity() throws Exception {
    Job job = launcher(JobTemplate.fromFile(repositoryFile("deploy/job-templates/curl-job.yaml"))).build(JOB);

    assertTrue(job.getMetadata().getName().startsWith("replicator-connector-deploy-"),
        "expected connectgate's name: " + job.getMetadata().getName());
    assertEquals("kafka", job.getMetadata().getNamespace(), "expected the ConfigMap's namespace");
    assertEquals("connector-deploy", job.getMetadata().getLabels().get("app.kubernetes.io/component"),
        "expected the template's own labels kept");
    assertEquals("connectgate", job.getMetadata().getLabels().get(JobBuilder.MANAGED_BY), "expected managed-by added");
    assertEquals("uid-1", job.getMetadata().getOwnerReferences().get(0).getUid(), "expected the ConfigMap as owner");
    assertEquals(1, job.getSpec().getBackoffLimit(), "expected the template's backoffLimit kept");
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals(List.of("curl"), container.getCommand(), "expected curl run directly, no shell");
    assertTrue(container.getArgs().contains("@/etc/connectgate/connector/replicator-connector.json")
        && container.getArgs().contains("http://connect.kafka.svc:8083/connectors"),
        "expected CONNECTOR_KEY and CONNECT_URL substituted as arguments: " + container.getArgs());
    assertEquals("replicator-connector",
        job.getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName(), "expected CONFIGMAP substituted");
  }

  @Test
  void missingJobSettingsGetSafeDefaults() {
    Job job = launcher(JobTemplate.parse("test", """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: anything
          namespace: elsewhere
          ownerReferences: [{apiVersion: v1, kind: Secret, name: s, uid: u}]
        spec:
          template:
            spec:
              containers: [{name: c, image: "${IMAGE}"}]
        """)).build(JOB);
    assertEquals("kafka", job.getMetadata().getNamespace(), "expected the ConfigMap's namespace, not the template's");
    assertEquals(1, job.getMetadata().getOwnerReferences().size(), "expected only connectgate's ownerReference");
    assertEquals("ConfigMap", job.getMetadata().getOwnerReferences().get(0).getKind(), "expected the ConfigMap as owner");
    assertEquals(3, job.getSpec().getBackoffLimit(), "expected backoffLimit defaulted");
    assertEquals(3600, job.getSpec().getTtlSecondsAfterFinished(), "expected a TTL defaulted");
    assertEquals(900L, job.getSpec().getActiveDeadlineSeconds(), "expected activeDeadlineSeconds defaulted");
    assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy(), "expected restartPolicy Never");
    assertEquals("connectgate:1.2.3", job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
        "expected ${IMAGE} substituted");
    assertEquals("replicator-connector", job.getSpec().getTemplate().getMetadata().getLabels()
        .get(JobBuilder.CONFIGMAP_LABEL), "expected the pods labelled with the ConfigMap too");
  }

  @Test
  void theChartsTemplatesAndPatternsAreUsable() throws Exception {
    var yaml = tools.jackson.dataformat.yaml.YAMLMapper.builder().build();
    try (var files = Files.list(repositoryFile("deploy/helm/connectgate/ci"))) {
      for (Path values : files.toList()) {
        var deploy = yaml.readTree(values.toFile()).path("deployJobs");
        if (!deploy.path("jobTemplate").asString("").isEmpty()) {
          JobTemplate.parse(values.getFileName().toString(), deploy.path("jobTemplate").asString());
        }
        List<String> patterns = new java.util.ArrayList<>();
        deploy.path("connectUrlAllow").forEach(p -> patterns.add(p.asString()));
        io.connectgate.admission.ConnectUrlAllowList allow = io.connectgate.admission.ConnectUrlAllowList.compile(patterns);
        if (!patterns.isEmpty()) {
          assertTrue(allow.allows("http://connect.kafka.svc:8083"),
              "expected " + values.getFileName() + "'s patterns to allow the example Connect URL: " + patterns);
        }
      }
    }
  }

  static Path repositoryFile(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("deploy/ not found above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve(relative);
  }

  @Test
  void substitutedValuesCannotInjectYaml() {
    JobRequest hostile = request("kafka", "cm", "uid-1", "k.json", "{}",
        "http://x:1\n        securityContext:\n          privileged: true");
    Job job = launcher(JobTemplate.builtIn()).build(hostile);
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals(hostile.connectUrl(), container.getArgs().get(2), "expected the value kept as one string");
    assertNull(container.getSecurityContext().getPrivileged(), "expected no injected field");
  }

  @Test
  void namesAreDeterministicShortAndValid() {
    JobRequest longName = request("kafka", "a.very-long.configmap-name-" + "x".repeat(200), "uid", "k.json",
        "{}", "http://c:8083");
    String name = longName.jobName();
    assertTrue(name.length() <= JobNaming.MAX_NAME, "expected at most 52 characters: " + name);
    assertTrue(name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"), "expected a DNS label (no dots): " + name);
    assertEquals(name, request("kafka", longName.configMapName(), "uid", "k.json", "{}", "http://c:8083").jobName(),
        "expected the same name for the same content");
    JobRequest changed = request("kafka", longName.configMapName(), "uid", "k.json", "{ }", "http://c:8083");
    JobRequest elsewhere = request("kafka", longName.configMapName(), "uid", "k.json", "{}", "http://d:8083");
    assertTrue(!name.equals(changed.jobName()) && !name.equals(elsewhere.jobName()),
        "expected other content or another Connect URL to get another name");
    assertTrue(JobNaming.labelValue(longName.configMapName()).length() <= 63, "expected a label value of at most 63");
  }

  @Test
  void unusableTemplatesAreRefusedWithEveryProblem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("job.yaml");
    Files.writeString(file, "apiVersion: v1\nkind: Pod\nspec:\n  template:\n    spec:\n      restartPolicy: Always\n");
    var e = assertThrows(JobTemplate.JobTemplateException.class, () -> JobTemplate.fromFile(file));
    for (String problem : List.of(file.toString(), "apiVersion must be batch/v1", "kind must be Job",
        "at least one container", "restartPolicy must be Never or OnFailure")) {
      assertTrue(e.getMessage().contains(problem), "expected \"" + problem + "\" in: " + e.getMessage());
    }
    Files.writeString(file, "apiVersion: batch/v1\nkind: Job\nspec: [unclosed\n");
    assertTrue(assertThrows(JobTemplate.JobTemplateException.class, () -> JobTemplate.fromFile(file))
        .getMessage().contains("not valid YAML"), "expected a YAML syntax error reported");
    assertTrue(assertThrows(JobTemplate.JobTemplateException.class, () -> JobTemplate.fromFile(dir.resolve("none.yaml")))
        .getMessage().contains("cannot read"), "expected a missing file reported");
  }
}
