package cd.chatrix.app.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.gui2.table.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowsTest {

  @Test
  void clipMarksTheCut() {
    assertThat(Rows.clip("short", 10)).isEqualTo("short");
    assertThat(Rows.clip("exactly10!", 10)).isEqualTo("exactly10!");
    assertThat(Rows.clip("@alice:example.org", 10)).isEqualTo("@alice:ex…").hasSize(10);
    assertThat(Rows.clip("abc", 0)).isEmpty();
  }

  @Test
  void replaceKeepsTheSelectionAndClampsIt() {
    Table<String> table = new Table<>("A");
    Rows.replace(table, List.of(List.of("1"), List.of("2"), List.of("3")));
    table.setSelectedRow(2);
    Rows.replace(table, List.of(List.of("1"), List.of("2"), List.of("3"), List.of("4")));
    assertThat(table.getSelectedRow()).isEqualTo(2);
    Rows.replace(table, List.of(List.of("9")));
    assertThat(Rows.selected(table)).isZero();
    Rows.replace(table, List.of());
    assertThat(Rows.selected(table)).isEqualTo(-1);
  }
}
