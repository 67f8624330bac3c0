/**
 * The sandbox CRM: a stand-in for a base Creatio installation that speaks its wire protocol, for
 * the demo, the tests and integrators' rehearsals. A third-party system in all but location: the
 * product reaches it only over HTTP, and it uses nothing of the product (ArchitectureTest). Its
 * packages: the root wires it ({@code SandboxServlet}); {@code pages}, {@code files}, {@code auth}
 * and {@code odata} serve the protocol; {@code state} holds settings, fault switches, counters and
 * its clock; {@code http} is the request and response plumbing every package shares. docs/sandbox.md
 * says where each behaviour comes from.
 */
package io.casegate.sandbox;
