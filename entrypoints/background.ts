export default defineBackground(() => {
  // Wiring only: sync, outbox and badge modules are attached here as they land.
});
