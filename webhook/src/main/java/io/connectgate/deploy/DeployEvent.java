package io.connectgate.deploy;

/**
 * An Event on a ConfigMap ({@code kubectl describe configmap} shows it).
 *
 * @param hash the content hash it is about: with the reason, it makes the Event's name, so the
 *     same fact reported twice (after a restart or a leader change) is one Event
 */
public record DeployEvent(String namespace, String configMapName, String configMapUid, Type type,
    String reason, String hash, String message) {

  public enum Type { Normal, Warning }

  public static final String JOB_CREATED = "DeployJobCreated";
  public static final String DEPLOYED = "ConnectorDeployed";
  public static final String DEPLOY_FAILED = "DeployFailed";
  public static final String REJECTED = "ConnectorRejected";
  public static final String SUPERSEDED = "DeployJobSuperseded";
  public static final String STATUS_NOT_RECORDED = "DeployStatusNotRecorded";

  /** Every reason, for metrics that show each from the start. */
  public static final java.util.List<String> REASONS =
      java.util.List.of(JOB_CREATED, DEPLOYED, DEPLOY_FAILED, REJECTED, SUPERSEDED, STATUS_NOT_RECORDED,
          ConnectorCleanup.DELETE_JOB_CREATED, ConnectorCleanup.DELETED, ConnectorCleanup.DELETE_FAILED,
          ConnectorCleanup.LEFT_IN_CONNECT);
}
