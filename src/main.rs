//! cdbg entry point: parse argv (as `cdbg` or as `cilium-dbg`), run, map errors to exit codes.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let argv0 = std::env::args_os().next().unwrap_or_default();
    let name = std::path::Path::new(&argv0)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("cdbg")
        .to_string();
    let cli = cdbg::cli::parse(&name);
    let stdout = std::io::stdout();
    // Smaller than the listings' ~60 KiB chunks, so those go straight to stdout uncopied.
    let mut out = BufWriter::with_capacity(32 * 1024, stdout.lock());
    let result = cdbg::cli::run(cli, &mut out).and_then(|()| out.flush().map_err(Into::into));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if cdbg::output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = out.flush();
            if let Some(cdbg::cli::Exit(code)) = e.downcast_ref() {
                return ExitCode::from(*code);
            }
            // Error texts can quote the agent or a map: never let them drive the terminal.
            eprintln!("Error: {}", cdbg::output::sanitize::text(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}
