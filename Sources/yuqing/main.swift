// yuqing: parse argv, then hand over to the shell library with the integrator's configurator.
import ArgumentParser
import YuqingShell
#if canImport(Glibc)
import Glibc
#endif

let status: Int32
let arguments = Array(CommandLine.arguments.dropFirst())
let language = CommandLineText.language(arguments)
if CommandLineText.wantsHelp(arguments) {
    // Our own help, in the user's language (the argv parser's is English only).
    print(CommandLineText.help(language, version: YuqingVersion.string), terminator: "")
    exit(0)
}
do {
    let command = try YuqingCommand.parse(arguments)
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
        StandardSink().err(CommandLineText.usageError(YuqingCommand.message(for: error), language: language))
        status = 2
    }
}
exit(status)
