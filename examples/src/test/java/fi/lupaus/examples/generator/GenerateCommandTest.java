package fi.lupaus.examples.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import fi.lupaus.examples.cli.CommandLines;
import io.vertx.core.json.JsonObject;

class GenerateCommandTest {

    @Test
    void writesOneFeedbackALineInTheGeneratorsOrder() throws IOException {
        StringWriter out = new StringWriter();

        GenerateCommand.write(new FeedbackGenerator(5), 100, out);

        List<JsonObject> lines = out.toString().lines().map(JsonObject::new).toList();
        assertThat(lines).hasSize(100).isEqualTo(new FeedbackGenerator(5).stream().limit(100).toList());
        assertThat(out.toString()).endsWith("}\n");
    }

    @Test
    void badOptionsExitWithTwoNamingTheOption() {
        StringWriter err = new StringWriter();

        int exit = CommandLines.of(new GenerateCommand()).setErr(new PrintWriter(err)).execute("--seed", "x");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--seed", "'x' is not a whole number", "Usage:");
    }
}
