//! The hostile-input suite: content written by a careless or hostile author, and files
//! supplied by outside bodies, each class in its own module. Every case builds its
//! fixtures at test time, runs the real binary within a time and memory budget, and
//! asserts the exit status, the located message, that `out/` is untouched, and that
//! no marker text leaks into a published PDF or a message.

mod common;

mod hostile {
    pub mod budget;
    mod cli;
    mod confinement;
    mod exempt;
    mod markdown;
    mod outputs;
    mod supplied_pdf;
    mod yaml;
}
