package fi.lupaus.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fi.lupaus.engine.delivery.ActionHandler;
import fi.lupaus.engine.pack.RulePack;
import fi.lupaus.engine.plugin.PluginHost.State;

class PluginHostTest {

    @TempDir
    Path plugins;

    @Test
    void aPluginJarContributesItsExtensionsWithItsId() throws Exception {
        PluginJar.plugin("acme", "1.2.0").with("Plugin-Provider", "Acme Oy")
                .extension(TestContributions.Greeter.class).extension(TestContributions.Pack.class)
                .writeTo(plugins, "acme-1.2.0.jar");

        try (PluginHost host = PluginHost.start(plugins, getClass().getClassLoader())) {
            assertThat(host.contributions(ActionHandler.class)).singleElement().satisfies(contribution -> {
                assertThat(contribution.pluginId()).isEqualTo("acme");
                assertThat(contribution.extension().id()).isEqualTo("greeter");
                assertThat(contribution.extension().getClass().getClassLoader())
                        .as("its own class loader").isNotSameAs(getClass().getClassLoader());
            });
            assertThat(host.contributions(RulePack.class)).extracting(c -> c.extension().id()).containsExactly("test-pack");
            assertThat(host.plugins()).singleElement().satisfies(report -> {
                assertThat(report.state()).isEqualTo(State.STARTED);
                assertThat(report.version()).isEqualTo("1.2.0");
                assertThat(report.provider()).isEqualTo("Acme Oy");
                assertThat(report.contributions()).extracting(PluginHost.Listed::extensionPoint)
                        .containsExactlyInAnyOrder(ActionHandler.EXTENSION_POINT, RulePack.EXTENSION_POINT);
            });
        }
    }

    @Test
    void brokenPluginsAreReportedAndTheOthersStillContribute() throws Exception {
        PluginJar.plugin("good", "1.0.0").extension(TestContributions.Greeter.class).writeTo(plugins, "good.jar");
        Files.writeString(plugins.resolve("not-a-jar.jar"), "this is not a zip file");
        PluginJar.plugin("", "1.0.0").writeTo(plugins, "no-id.jar");
        PluginJar.plugin("future", "1.0.0").with("Plugin-Requires", ">=9.0.0")
                .extension(TestContributions.Greeter.class).writeTo(plugins, "future.jar");
        PluginJar.plugin("unmakeable", "1.0.0").extension(TestContributions.Unmakeable.class)
                .writeTo(plugins, "unmakeable.jar");

        try (PluginHost host = PluginHost.start(plugins, getClass().getClassLoader())) {
            assertThat(host.contributions(ActionHandler.class)).extracting(PluginHost.Contribution::pluginId)
                    .containsExactly("good");
            assertThat(host.plugins()).extracting(PluginHost.Report::id, PluginHost.Report::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("future", State.DISABLED),
                    org.assertj.core.groups.Tuple.tuple("good", State.STARTED),
                    org.assertj.core.groups.Tuple.tuple("no-id.jar", State.FAILED),
                    org.assertj.core.groups.Tuple.tuple("not-a-jar.jar", State.FAILED),
                    org.assertj.core.groups.Tuple.tuple("unmakeable", State.FAILED));
            assertThat(host.plugins()).filteredOn(report -> report.id().equals("unmakeable")).singleElement()
                    .satisfies(report -> assertThat(report.problem()).contains("no CRM address configured"));
            assertThat(host.plugins()).filteredOn(report -> report.id().equals("future")).singleElement()
                    .satisfies(report -> assertThat(report.problem()).contains(">=9.0.0"));
        }
    }

    @Test
    void aFailedPluginContributesNothingMore() throws Exception {
        PluginJar.plugin("acme", "1.0.0").extension(TestContributions.Greeter.class).writeTo(plugins, "acme.jar");

        try (PluginHost host = PluginHost.start(plugins, getClass().getClassLoader())) {
            host.fail("acme", "its rules do not compile");

            assertThat(host.contributions(ActionHandler.class)).isEmpty();
            assertThat(host.plugins()).singleElement().satisfies(report -> {
                assertThat(report.state()).isEqualTo(State.FAILED);
                assertThat(report.problem()).isEqualTo("its rules do not compile");
            });
        }
    }

    @Test
    void withoutAPluginsDirectoryOnlyTheClassPathContributes() {
        try (PluginHost host = PluginHost.start(plugins.resolve("absent"), getClass().getClassLoader())) {
            assertThat(host.plugins()).isEmpty();
            assertThat(host.contributions(ActionHandler.class)).isEmpty();
        }
    }
}
