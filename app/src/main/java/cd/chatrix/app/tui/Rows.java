package cd.chatrix.app.tui;

import com.googlecode.lanterna.gui2.table.Table;
import com.googlecode.lanterna.gui2.table.TableModel;
import java.util.List;

/** Helpers for the tables every list screen uses. */
final class Rows {
  private Rows() {}

  /**
   * Replaces a table's rows, keeping the selected row where it was; does nothing when the rows did
   * not change, so the polling refresh does not make the selection jump.
   */
  static void replace(Table<String> table, List<List<String>> rows) {
    TableModel<String> model = table.getTableModel();
    if (model.getRows().equals(rows)) {
      return;
    }
    int selected = table.getSelectedRow();
    model.clear();
    rows.forEach(model::addRow);
    if (!rows.isEmpty()) {
      table.setSelectedRow(Math.clamp(selected, 0, rows.size() - 1));
    }
  }

  /** The selected row's index, or -1 when the table is empty. */
  static int selected(Table<String> table) {
    int row = table.getSelectedRow();
    return row >= 0 && row < table.getTableModel().getRowCount() ? row : -1;
  }

  /** Cuts {@code text} to {@code max} columns, marking the cut with an ellipsis. */
  static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return max <= 0 ? "" : text.substring(0, max - 1) + "…";
  }

  static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }
}
