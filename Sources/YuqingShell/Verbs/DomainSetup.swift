// Placeholder so the shell branch runs without a store; the integrator replaces `configurator` with the one that
// opens the store and registers services on the session. The executable calls it once at start-up.
public enum DomainSetup {
    public static var configurator: any SessionConfigurator { NoStoreConfigurator() }
}
