/**
 * The JUnit Jupiter side of Tripswitch: {@link dev.tripswitch.junit.CircuitBreakerExtension} puts tests
 * annotated with {@link dev.tripswitch.CircuitProtected} under their circuit. Everything else in this package
 * is an implementation detail.
 */
package dev.tripswitch.junit;
