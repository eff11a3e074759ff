package dev.tripswitch.browser;

import java.util.List;

/**
 * What the pages under test mostly do, so that a (re)started Chromium gets the settings that workload needs.
 * Every setting here enables or configures a capability; none weakens the browser's security (no
 * {@code --disable-web-security}, no sandbox or site-isolation changes, no certificate bypass, no automatic
 * permission grants).
 */
public enum WorkloadHint {
    /**
     * Text processing: the WebNN API (the {@code WebMachineLearningNeuralNetwork} feature) and a 4 GB
     * JavaScript heap for large tokenizer and model tables.
     */
    TEXT(List.of("--enable-features=WebMachineLearningNeuralNetwork",
            "--js-flags=--max-old-space-size=4096")),
    /**
     * Image and video work: WebGL on the software renderer (ANGLE over SwiftShader) so that canvases and
     * WebGL work the same with or without a GPU, and a fixed sRGB colour profile so that pixels read back
     * from canvases and screenshots do not depend on the machine.
     */
    VISION(List.of("--use-angle=swiftshader", "--force-color-profile=srgb")),
    /**
     * Audio work: media may play without a user gesture, and a fake camera/microphone device exists so that
     * capture code finds a device (permission prompts are not auto-accepted: grant them explicitly).
     */
    AUDIO(List.of("--autoplay-policy=no-user-gesture-required", "--use-fake-device-for-media-stream")),
    /** Text, vision and audio together. */
    MULTIMODAL(List.of("--enable-features=WebMachineLearningNeuralNetwork",
            "--js-flags=--max-old-space-size=4096",
            "--use-angle=swiftshader", "--force-color-profile=srgb",
            "--autoplay-policy=no-user-gesture-required", "--use-fake-device-for-media-stream"));

    private final List<String> chromiumArguments;

    WorkloadHint(List<String> chromiumArguments) {
        this.chromiumArguments = chromiumArguments;
    }

    /** The extra Chromium command-line switches for this workload. */
    public List<String> chromiumArguments() {
        return chromiumArguments;
    }
}
