package io.connectgate.e2e;

import java.util.List;

/** The user name and groups the API server gives a ServiceAccount's token. */
final class ServiceAccountIdentity {

  private ServiceAccountIdentity() {}

  static String user(String namespace, String serviceAccount) {
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  static List<String> groups(String namespace) {
    return List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
  }
}
