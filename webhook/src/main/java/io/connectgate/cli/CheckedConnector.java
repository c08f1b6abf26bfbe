package io.connectgate.cli;

import io.connectgate.validation.LocatedFinding;
import java.util.List;

/**
 * One connector checked (a JUnit test case): a connector document in a ConfigMap, a connector
 * resource, a bare connector file, or an input that could not be read as one (a syntax error).
 *
 * @param file the input file ("-" for stdin)
 * @param name what was checked, such as {@code default/replicator data[connector.json]}
 * @param findings its findings, located
 */
record CheckedConnector(String file, String name, List<LocatedFinding> findings) {}
