/// The version printed by `--version` and used for `~/.tidepoolrc-VERSION`.
public enum TidepoolVersion {
    public static let string = "0.1.0"
}
