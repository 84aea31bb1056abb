package fi.lupaus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files (issue #16): a script named by its content, kept a year, sent compressed; the page never kept. */
class ConsoleAssetsTest {

    @TempDir
    Path dataDir;

    private TestServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theScriptHasAHashedNameIsKeptAYearAndIsSentCompressedWhileThePageIsNeverKept() throws Exception {
        HttpResponse<String> page = get("/", "identity");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher script = Pattern.compile("src=\"(assets/app-[A-Z0-9]+\\.js)\"").matcher(page.body());
        assertThat(script.find()).as(page.body()).isTrue();

        HttpResponse<byte[]> bundle = http.send(request("/" + script.group(1), "gzip"), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(bundle.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(bundle.body().length).isLessThan(300_000);
    }

    private HttpResponse<String> get(String path, String encoding) throws IOException, InterruptedException {
        return http.send(request(path, encoding), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String encoding) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Accept-Encoding", encoding).GET().build();
    }
}
