//! The `agenda-pack` command.

fn main() -> std::process::ExitCode {
    agenda_pack::cli::main()
}
