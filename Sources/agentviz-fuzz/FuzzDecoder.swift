import AgentVizReport
#if canImport(Glibc)
import Glibc
#endif

// A libFuzzer target for the line decoder, validator and redactor (scripts/fuzz builds it
// with -sanitize=fuzzer,address -DFUZZING). Without FUZZING it is a replay tool: it runs
// each line of the files it is given through the same checks (a crash found by the fuzzer
// can be replayed in a normal build).
#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    _ = LineCheck.check(bytes)
    _ = SafeText.escape(String(decoding: bytes, as: UTF8.self))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// SwiftPM points the executable's `main` at this symbol; libFuzzer's driver takes over.
@_cdecl("agentviz_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
@main
enum Replay {
    static func main() {
        var lines = 0, rejected = 0
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else { continue }
            var buffer: UnsafeMutablePointer<CChar>?
            var capacity = 0
            while true {
                let n = getline(&buffer, &capacity, file)
                if n < 0 { break }
                lines += 1
                if LineCheck.check(UnsafeRawBufferPointer(start: buffer, count: n > 0 && buffer![n - 1] == 10 ? n - 1 : n)) != nil {
                    rejected += 1
                }
            }
            free(buffer)
            fclose(file)
        }
        print("\(lines) lines checked, \(rejected) rejected, no crash")
    }
}
#endif
