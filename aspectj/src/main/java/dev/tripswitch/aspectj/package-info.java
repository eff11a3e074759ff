/**
 * The AspectJ aspect that protects any method annotated {@link dev.tripswitch.CircuitProtected}: page objects,
 * API clients, helpers. Weave it at compile time ({@code aspectj-maven-plugin}, this module as an
 * {@code aspectLibrary}) or at load time ({@code -javaagent:aspectjweaver.jar} with the {@code META-INF/aop.xml}
 * this module ships). The aspect itself is {@code CircuitProtection}, in {@code CircuitProtection.aj} (AspectJ
 * source, which javadoc does not read).
 */
package dev.tripswitch.aspectj;
