package dev.bulwark.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.InputException;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
  @TempDir Path dir;

  @Test
  void split_handlesQuotesDoubledQuotesAndCarriageReturns() {
    assertThat(Csv.split("a,\"b,c\",\"say \"\"hi\"\"\",\r"))
        .containsExactly("a", "b,c", "say \"hi\"", "");
    assertThat(Csv.split("a,\"open")).isNull();
    assertThat(Csv.line("a,\"open")).containsExactly("a", "open");
  }

  @Test
  void rows_joinLinesInsideQuotes_andNumberTheirFirstLine() throws Exception {
    List<Csv.Row> rows =
        Csv.rows(new BufferedReader(new StringReader("h1,h2\n\n\"two\nlines\",x\nlast,\"cut")));
    assertThat(rows).extracting(Csv.Row::line).containsExactly(1, 3, 5);
    assertThat(rows.get(1).fields()).containsExactly("two\nlines", "x");
    assertThat(rows.get(2).fields()).containsExactly("last", "cut");
    assertThat(rows.get(2).get(7)).isEmpty();
  }

  @Test
  void read_skipsHeaderAndComments_stripsFields_andNamesFileAndLineOnErrors() throws Exception {
    Path f = dir.resolve("labels.csv");
    Files.writeString(f, "# labels\nfile,label\n a.eml , phishing \n\n\"b,c.eml\",ham\n");
    List<Csv.Row> rows = Csv.read(f, 2);
    assertThat(rows).extracting(Csv.Row::line).containsExactly(3, 5);
    assertThat(rows.get(0).fields()).containsExactly("a.eml", "phishing");
    assertThat(rows.get(1).get(0)).isEqualTo("b,c.eml");

    Files.writeString(f, "file,label\nonly-one\n");
    assertThatThrownBy(() -> Csv.read(f, 2))
        .isInstanceOf(InputException.class)
        .hasMessage(f + ":2: expected at least 2 columns, got 1");
    Files.writeString(f, "file,label\nx,\"open\n");
    assertThatThrownBy(() -> Csv.read(f, 2)).hasMessage(f + ":2: unterminated quoted field");
  }
}
