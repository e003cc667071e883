// yuqing: parse argv, then hand over to the shell library with the integrator's configurator.
import ArgumentParser
import YuqingShell
#if canImport(Glibc)
import Glibc
#endif

let status: Int32
do {
    let command = try YuqingCommand.parse(Array(CommandLine.arguments.dropFirst()))
    if command.commandsMd {
        print(HelpText.markdown(CommandTable.entries), terminator: "")
        status = 0
    } else {
        status = Launcher(launch: command.launch, configurator: DomainSetup.configurator).run()
    }
} catch {
    // --help and --version are "errors" with status 0; everything else in argv is a usage error (2).
    let code = YuqingCommand.exitCode(for: error)
    let message = YuqingCommand.fullMessage(for: error)
    if code == .success {
        print(message)
        status = 0
    } else {
        StandardSink().err(message + "\n")
        status = 2
    }
}
exit(status)
