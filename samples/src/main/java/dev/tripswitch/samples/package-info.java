/** Placeholder: filled by a later issue. */
package dev.tripswitch.samples;
