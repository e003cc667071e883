/// `record start FILE`: collects the successful mutating commands as a replayable script.
public final class Recorder {
    public let path: String
    var lastActor: String?
    init(path: String) { self.path = path }
}
