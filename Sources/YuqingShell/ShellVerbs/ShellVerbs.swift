/// The verbs of the shell itself (help, as, clock, …).
public enum ShellVerbs {
    public static var entries: [CommandEntry] { [] }
}
