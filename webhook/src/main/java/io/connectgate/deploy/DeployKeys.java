package io.connectgate.deploy;

/** The label and annotations the deploy controller reads and writes on a ConfigMap. */
public final class DeployKeys {

  /**
   * The label that asks for deployment ({@code "true"}). A label, not an annotation: the API
   * server selects on labels, so the controller's informer never receives other ConfigMaps.
   */
  public static final String DEPLOY_LABEL = "connectgate.io/deploy";

  /** Optional per-ConfigMap Connect URL; must be the default or match --connect-url-allow. */
  public static final String CONNECT_URL_ANNOTATION = "connectgate.io/connect-url";

  /** Written by the controller: per entry, the last content hash it finished and the outcome. */
  public static final String STATUS_ANNOTATION = "connectgate.io/deploy-status";

  /** Every annotation connectgate itself writes starts with this. */
  public static final String OWN_PREFIX = "connectgate.io/";

  /** The label selector of the ConfigMap informer. */
  public static final String SELECTOR = DEPLOY_LABEL + "=true";

  private DeployKeys() {}
}
