package cd.chatrix.bot.store;

/** The stores the bot needs, bundled so wiring stays short. */
public record Stores(
    ConfirmationStore confirmations,
    RunStore runs,
    AuditLog audit,
    AliasStore aliases,
    RoomSettingsStore rooms,
    FormStore forms) {
  /** Stores whose half-filled runs live in memory only (lost on a restart). */
  public Stores(
      ConfirmationStore confirmations,
      RunStore runs,
      AuditLog audit,
      AliasStore aliases,
      RoomSettingsStore rooms) {
    this(confirmations, runs, audit, aliases, rooms, new InMemoryFormStore());
  }

  /** Fresh in-memory stores (tests, demo). */
  public static Stores inMemory() {
    return new Stores(
        new InMemoryConfirmationStore(),
        new InMemoryRunStore(),
        new InMemoryAuditLog(),
        new InMemoryAliasStore(),
        new InMemoryRoomSettingsStore(),
        new InMemoryFormStore());
  }
}
