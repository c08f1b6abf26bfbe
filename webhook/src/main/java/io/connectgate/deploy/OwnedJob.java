package io.connectgate.deploy;

/**
 * A deploy Job as the controller sees it: which ConfigMap (by uid) and entry it deploys, the
 * content hash it carries and whether it still runs.
 */
public record OwnedJob(String namespace, String name, String configMapUid, String dataKey, String hash, State state) {

  public enum State {
    ACTIVE,
    SUCCEEDED,
    FAILED;

    public boolean finished() {
      return this != ACTIVE;
    }
  }
}
