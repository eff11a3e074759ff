/**
 * The TestNG listener of Tripswitch: {@link dev.tripswitch.testng.CircuitBreakerListener}, loaded by TestNG itself,
 * runs tests marked {@link dev.tripswitch.CircuitProtected @CircuitProtected} under their shared circuit breaker.
 */
package dev.tripswitch.testng;
