package dev.bulwark.config.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.config.doc.ListNode;
import dev.bulwark.config.doc.MapNode;
import dev.bulwark.config.doc.ParseException;
import dev.bulwark.config.doc.Scalar;
import dev.bulwark.config.rules.NodePath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parsers on the syntax real files use, and on bad input: an error naming file and line. */
class ParsersTest {

  private static Scalar scalar(MapNode root, String path) {
    return (Scalar) NodePath.parse(path).select(root).get(0);
  }

  @Test
  void hcl_evaluatesLiteralsAndKeepsExpressionsAsSource() throws Exception {
    MapNode root =
        Hcl.parse(
            "main.tf",
            """
            locals {
              name = "app-${var.env}"   # interpolated
              tags = merge(var.tags, { Owner = "team" })
            }
            resource "aws_security_group" "web" {
              ingress {
                from_port   = 443
                cidr_blocks = ["0.0.0.0/0", var.extra]
              }
              ingress {
                from_port = -1
                cidr_blocks = local.allowed
              }
              count = var.enabled ? 1 : 0
              name  = var.names[0]
              list  = [for s in var.subnets : s.id if s.public]
              policy = jsonencode({
                Statement = [{ Effect = "Allow", Action = ["s3:*"] }]
              })
              script = <<-EOT
                echo ${var.x}
                done
              EOT
            }
            """);
    assertThat(scalar(root, "locals.name").type()).isEqualTo(Scalar.Type.EXPRESSION);
    assertThat(scalar(root, "locals.name").text()).isEqualTo("app-${var.env}");
    ListNode ingress =
        (ListNode) NodePath.parse("resource.aws_security_group.web.ingress").select(root).get(0);
    assertThat(ingress.items()).hasSize(2);
    assertThat(scalar(root, "resource.aws_security_group.web.ingress.from_port").text())
        .isEqualTo("443");
    assertThat(scalar(root, "resource.aws_security_group.web.ingress.cidr_blocks.*").text())
        .isEqualTo("0.0.0.0/0");
    assertThat(scalar(root, "resource.aws_security_group.web.ingress.cidr_blocks.*").line())
        .isEqualTo(8);
    assertThat(NodePath.parse("resource.aws_security_group.web.ingress.from_port").select(root))
        .extracting(n -> ((Scalar) n).text())
        .containsExactly("443", "-1");
    assertThat(scalar(root, "resource.aws_security_group.web.count").text())
        .isEqualTo("var.enabled ? 1 : 0");
    assertThat(scalar(root, "resource.aws_security_group.web.policy.Statement.Action.*").text())
        .isEqualTo("s3:*");
    assertThat(scalar(root, "resource.aws_security_group.web.script").text())
        .isEqualTo("echo ${var.x}\ndone\n");
  }

  @Test
  void hcl_badInput_namesFileAndLine() {
    assertThatThrownBy(() -> Hcl.parse("x.tf", "resource \"a\" \"b\" {\n  x = [1, 2\n}\n"))
        .isInstanceOf(ParseException.class)
        .hasMessageStartingWith("x.tf:3:");
    assertThatThrownBy(() -> Hcl.parse("y.tf", "a = 1\nb = \"open\n"))
        .hasMessage("y.tf:2: string is never closed");
    assertThatThrownBy(() -> Hcl.parse("z.tf", "block {\n  a = 1\n"))
        .hasMessageContaining("z.tf:")
        .hasMessageContaining("never closed");
  }

  @Test
  void hcl_deepNesting_isBounded() {
    String deep = "a = " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    assertThatThrownBy(() -> Hcl.parse("deep.tf", deep))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nested deeper than");
  }

  @Test
  void dockerfile_understandsContinuationsHeredocsAndStages() throws Exception {
    MapNode root =
        (MapNode)
            Dockerfiles.parse(
                "Dockerfile",
                """
                # syntax=docker/dockerfile:1
                ARG BASE=debian:12
                FROM golang:1.22 AS build
                RUN <<EOF
                go build ./...
                EOF
                USER builder

                FROM build AS test
                RUN apt-get update && \\
                  # a comment inside a continued line
                  apt-get install -y curl
                FROM gcr.io/distroless/static:nonroot
                ENV A=1 B="two words"
                """);
    List<?> stages = ((ListNode) root.get("stages")).items();
    assertThat(stages).hasSize(3);
    assertThat(scalar(root, "stages.*.user").text()).isEqualTo("builder");
    // the test stage inherits USER from the build stage it is built from
    assertThat(NodePath.parse("stages.*.user").select(root)).hasSize(2);
    assertThat(scalar(root, "final.from.tag").text()).isEqualTo("nonroot");
    assertThat(NodePath.parse("final.instructions.*.keys.*").select(root))
        .extracting(n -> ((Scalar) n).text())
        .containsExactly("A", "B");
    assertThat(NodePath.parse("stages.*.instructions.*.value").select(root))
        .extracting(n -> n.line())
        .containsExactly(4, 7, 10, 14);
  }

  @Test
  void dockerfile_badInput_namesFileAndLine() {
    assertThatThrownBy(() -> Dockerfiles.parse("Dockerfile", "FROM a:1\nRUNN make\n"))
        .hasMessage("Dockerfile:2: unknown instruction 'RUNN'");
    assertThatThrownBy(() -> Dockerfiles.parse("Dockerfile", "# only a comment\n"))
        .hasMessage("Dockerfile:1: no FROM instruction: not a Dockerfile");
    assertThatThrownBy(() -> Dockerfiles.parse("Dockerfile", "FROM a:1\nRUN <<EOF\necho\n"))
        .hasMessage("Dockerfile:2: heredoc <<EOF is never closed");
  }

  @Test
  void yaml_badInput_namesFileAndLine_andAliasBombsFail() {
    assertThatThrownBy(() -> YamlDocuments.parse("k.yaml", "a: 1\nb: [1, 2\nc: 3\n"))
        .isInstanceOf(ParseException.class)
        .hasMessageStartingWith("k.yaml:");
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      bomb.append("]\n");
      prev = c;
    }
    assertThatThrownBy(() -> YamlDocuments.parse("bomb.yaml", bomb.toString()))
        .isInstanceOf(ParseException.class)
        .hasMessageStartingWith("bomb.yaml:");
  }

  @Test
  void yaml_blockScalar_linesPointInsideTheScript() throws Exception {
    MapNode doc =
        (MapNode) YamlDocuments.parse("w.yml", "steps:\n  - run: |\n      a\n      b\n").get(0);
    Scalar run = (Scalar) NodePath.parse("steps.*.run").select(doc).get(0);
    assertThat(run.line()).isEqualTo(2);
    assertThat(run.lineOf(run.text().indexOf('b'))).isEqualTo(4);
  }
}
