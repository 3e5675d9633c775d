package dev.ponder.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Light or dark, following the platform where it can be told. JavaFX 21 has no API for this
 * ({@code Platform.getPreferences().getColorScheme()} arrives in 22), so Ponder asks the platform
 * itself, once at start, and falls back to light: the {@code ponder.theme} system property
 * ({@code light}/{@code dark}) wins; on Linux {@code GTK_THEME} ending in {@code :dark} or
 * containing {@code -dark}, else GNOME's {@code color-scheme} setting via {@code gsettings}; on
 * macOS {@code AppleInterfaceStyle}; on Windows {@code AppsUseLightTheme}. Each probe is a
 * short-lived process with a one-second limit.
 */
public enum ColorScheme {
    LIGHT, DARK;

    /** The platform's preference, or {@link #LIGHT} when it cannot be told. */
    public static ColorScheme detect() {
        return detect(System.getProperty("ponder.theme"), System.getenv(), System.getProperty("os.name", ""));
    }

    static ColorScheme detect(String override, Map<String, String> env, String osName) {
        if (override != null && !override.isBlank()) {
            return override.trim().equalsIgnoreCase("dark") ? DARK : LIGHT;
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return run("defaults", "read", "-g", "AppleInterfaceStyle").toLowerCase(Locale.ROOT).contains("dark") ? DARK : LIGHT;
        }
        if (os.startsWith("windows")) {
            String out = run("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme");
            return out.contains("0x0") ? DARK : LIGHT;
        }
        String gtk = env.getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT);
        if (!gtk.isBlank()) {
            return gtk.endsWith(":dark") || gtk.contains("-dark") ? DARK : LIGHT;
        }
        if (env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY")) {
            return run("gsettings", "get", "org.gnome.desktop.interface", "color-scheme").contains("prefer-dark") ? DARK : LIGHT;
        }
        return LIGHT;
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // the tool is not installed: no preference
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
