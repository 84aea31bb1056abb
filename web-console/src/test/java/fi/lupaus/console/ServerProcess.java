package fi.lupaus.console;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import fi.lupaus.engine.jdbc.Database;
import fi.lupaus.engine.jdbc.TestDatabases;

/** The packaged server, {@code target/lupaus.jar}, run as a process of its own on a free port. */
final class ServerProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "lupaus.jar");

    private final Process process;
    private final int port;

    private ServerProcess(Path dataDir, Path logFile, int port, String maxHeap, Map<String, String> environment)
            throws IOException {
        this.port = port;
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap, "-jar",
                JAR.toString());
        builder.environment().putAll(environment);
        builder.environment().put("LUPAUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("LUPAUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("LUPAUS_DATA_DIR", dataDir.toString());
        // A test may put servers with data directories of their own on one database (a cluster).
        if (TestDatabases.onPostgres() && !environment.containsKey("LUPAUS_DB_URL")) {
            Database.Settings database = TestDatabases.settings(dataDir);
            builder.environment().put("LUPAUS_DB_URL", database.url());
            builder.environment().put("LUPAUS_DB_USER", database.user());
            builder.environment().put("LUPAUS_DB_PASSWORD", database.password());
        }
        builder.environment().put("LUPAUS_BOOTSTRAP_TOKEN", TestServer.ADMIN_TOKEN);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        this.process = builder.start();
    }

    static ServerProcess start(Path dataDir, Path logFile) throws Exception {
        return start(dataDir, logFile, "512m", Map.of());
    }

    /** A server with this much heap and these settings (LUPAUS_… variables) besides the test's own. */
    static ServerProcess start(Path dataDir, Path logFile, String maxHeap, Map<String, String> environment)
            throws Exception {
        ServerProcess server = new ServerProcess(dataDir, logFile, freePort(), maxHeap, environment);
        server.awaitHealthy(Duration.ofSeconds(60));
        return server;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue());
            }
            try {
                var answer = client.send(HttpRequest.newBuilder(uri("/api/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not healthy within " + timeout);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit("SIGKILL");
    }

    /** SIGTERM: the shutdown hook runs, as when an operator stops the server. */
    void terminate() throws InterruptedException {
        process.destroy();
        awaitExit("SIGTERM");
    }

    private void awaitExit(String signal) throws InterruptedException {
        // SIGTERM waits up to 10 s for requests in flight; a minute is plenty on a loaded machine.
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the server was still running a minute after " + signal);
        }
    }

    @Override
    public void close() throws InterruptedException {
        terminate();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
