package dev.ponder.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/**
 * The reference for {@link StartupBenchmark}: a JVM that shows one JavaFX window with one focused
 * text field and nothing else, printing {@code USABLE} when the field has the focus. What any
 * JavaFX window costs on this machine, under its current load.
 */
public final class BareWindowProbe {

    private BareWindowProbe() {
    }

    public static void main(String[] args) throws Exception {
        CompletableFuture<TextField> shown = new CompletableFuture<>();
        Platform.startup(() -> {
            Stage stage = new Stage();
            TextField field = new TextField();
            stage.setScene(new Scene(field, 1200, 780));
            stage.show();
            field.requestFocus();
            shown.complete(field);
        });
        TextField field = shown.get(60, TimeUnit.SECONDS);
        while (true) {
            CompletableFuture<Boolean> focused = new CompletableFuture<>();
            Platform.runLater(() -> focused.complete(field.isFocused()));
            if (focused.get(10, TimeUnit.SECONDS)) {
                break;
            }
            Thread.sleep(2);
        }
        System.out.println("USABLE 0 " + CpuTime.summary());
        System.out.flush();
        Platform.exit();
        System.exit(0);
    }
}
