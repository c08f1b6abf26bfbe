package io.connectgate.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link ControlPlane} parameters with one control plane per test run: started by the
 * first test that asks for it, kept in the root store (JUnit closes it when the run ends), so
 * every e2e class shares the 10-30 s start-up. A start-up failure (missing binaries included)
 * fails each test that asks, with the reason.
 */
public final class ControlPlaneExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ControlPlaneExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ControlPlane.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(ControlPlane.class, key -> ControlPlane.start(), ControlPlane.class);
  }
}
