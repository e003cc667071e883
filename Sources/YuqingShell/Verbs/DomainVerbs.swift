// Placeholder so the shell branch compiles; the integrator replaces this file with the domain verbs.
public enum DomainVerbs {
    public static var entries: [CommandEntry] { [] }
}
