package dev.tripswitch.internal.settings;

/**
 * The settings one place gives explicitly for a circuit (a source of properties, an annotation, a definition in
 * code), with how messages name the place: {@link #place()} after a value that came from it,
 * {@link #blame()} before an error that it caused.
 */
public final class GivenSettings {

    private final String place;
    private final String blame;
    private final Given<?>[] values;

    public GivenSettings(String place, String blame) {
        this.place = place;
        this.blame = blame;
        this.values = new Given<?>[Settings.all().size()];
    }

    private GivenSettings(GivenSettings other) {
        this.place = other.place;
        this.blame = other.blame;
        this.values = other.values.clone();
    }

    public String place() {
        return place;
    }

    public String blame() {
        return blame;
    }

    public <T> void put(Setting<T> setting, Given<T> given) {
        values[setting.index()] = given;
    }

    /** What this place gives for {@code setting}, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> Given<T> get(Setting<T> setting) {
        return (Given<T>) values[setting.index()];
    }

    /** True when this place gives nothing. */
    public boolean isEmpty() {
        for (Given<?> g : values) {
            if (g != null) {
                return false;
            }
        }
        return true;
    }

    public GivenSettings copy() {
        return new GivenSettings(this);
    }
}
