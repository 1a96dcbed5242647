//! The process's memory allocator, set up before any work begins.

/// Keeps glibc's threshold for giving large blocks their own mapping fixed at its
/// default (128 KiB) instead of letting it rise with each large block freed.
///
/// Why: the PDF export creates and frees a deflate state (372 KiB) per stream. Once a
/// larger block has been freed, glibc raises the threshold and serves those states
/// from the heap, between the compressed streams that stay, and the heap keeps the
/// holes: in about a third of the builds of a 100-section pack the export ended 17 MiB
/// higher (105 against 86 MiB peak). With the threshold fixed, the states are mapped
/// and unmapped whole, and the peak is the same in every run, at the same wall time
/// within the noise (mapping them anew costs some system time, which is why
/// `pdf::packed` keeps one state per thread for its own streams). Other platforms'
/// allocators are left as they are.
pub fn configure() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const DEFAULT_THRESHOLD: libc::c_int = 128 * 1024;
        // SAFETY: mallopt only sets a parameter of the allocator; it is called before
        // the program starts any thread. A refusal (0) leaves glibc's default behaviour.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, DEFAULT_THRESHOLD);
        }
    }
}
