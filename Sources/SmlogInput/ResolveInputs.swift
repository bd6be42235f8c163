import Glibc

/// Turns command-line arguments into the inputs to read.
///
/// - `-` is standard input (listed once however often it is given); with no arguments at all,
///   standard input is read when it is not a terminal, and nothing is returned when it is.
/// - A directory stands for the mail-log files directly inside it (not recursive), sorted by name;
///   see `LogFileName` for which names count.
/// - A file is opened to check that it can be read and to sniff its compression.
///
/// Problems (missing, unreadable, unsupported compression, a directory without logs) become
/// errors, in argument order; every other input is still returned.
public func resolveInputs(_ arguments: [String], stdinIsTerminal: Bool) -> (files: [InputFile], errors: [InputError]) {
    var files: [InputFile] = []
    var errors: [InputError] = []
    if arguments.isEmpty {
        return (stdinIsTerminal ? [] : [.standardInput], [])
    }
    var standardInputListed = false
    for argument in arguments {
        if argument == InputFile.standardInputPath {
            if !standardInputListed { files.append(.standardInput) }
            standardInputListed = true
            continue
        }
        switch fileStatus(argument) {
        case .failure(let error):
            errors.append(error)
        case .success(let status) where isDirectory(status):
            expandDirectory(argument, into: &files, errors: &errors)
        case .success(let status):
            switch inspectFile(path: argument, displayName: argument, status: status) {
            case .success(let file): files.append(file)
            case .failure(let error): errors.append(error)
            }
        }
    }
    return (files, errors)
}

private func expandDirectory(_ directory: String, into files: inout [InputFile], errors: inout [InputError]) {
    guard let stream = opendir(directory) else {
        errors.append(.opening(directory, errno: errno))
        return
    }
    var names: [String] = []
    while let entry = readdir(stream) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String? in
            guard let base = raw.baseAddress else { return nil }
            // Names that are not UTF-8 cannot be log files we recognise.
            return String(validatingCString: base.assumingMemoryBound(to: CChar.self))
        }
        if let name, LogFileName.isLogFile(name) { names.append(name) }
    }
    closedir(stream)

    let prefix = directory.hasSuffix("/") ? directory : directory + "/"
    var found = 0
    for name in names.sorted() {
        let path = prefix + name
        // Follows symbolic links: a link to a log file counts, anything but a regular file does not.
        guard case .success(let status) = fileStatus(path), isRegularFile(status) else { continue }
        found += 1
        switch inspectFile(path: path, displayName: path, status: status) {
        case .success(let file): files.append(file)
        case .failure(let error): errors.append(error)
        }
    }
    if found == 0 { errors.append(.noLogFiles(directory: directory)) }
}

/// Opens a regular file, sniffs its first bytes and closes it again. Pipes, FIFOs and devices
/// (`<(zcat ...)`, `/dev/stdin`) are only checked for permission: opening a FIFO can block until
/// a writer comes, and bytes read from a pipe cannot be put back. `LineReader` sniffs them.
private func inspectFile(path: String, displayName: String, status: stat) -> Result<InputFile, InputError> {
    guard isRegularFile(status) else {
        guard access(path, R_OK) == 0 else { return .failure(.opening(displayName, errno: errno)) }
        return .success(InputFile(path: path, displayName: displayName, modificationTime: nil, compression: .none))
    }
    return Result { () throws(InputError) -> InputFile in
        var source = try FileDescriptorSource.open(path: path, displayName: displayName)
        let compression: Compression
        switch SniffedFormat(prefix: try source.sniff(count: SniffedFormat.prefixLength)) {
        case .plain: compression = .none
        case .gzip: compression = .gzip
        case .unsupported(let format):
            throw InputError.unsupportedCompression(path: displayName, format: format)
        }
        return InputFile(
            path: path, displayName: displayName, modificationTime: Int64(status.st_mtim.tv_sec),
            compression: compression)
    }
}

private func fileStatus(_ path: String) -> Result<stat, InputError> {
    var status = stat()
    guard stat(path, &status) == 0 else { return .failure(.opening(path, errno: errno)) }
    return .success(status)
}

private func isDirectory(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFDIR }
private func isRegularFile(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFREG }
