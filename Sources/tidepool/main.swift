import TidepoolCore
print("tidepool \(TidepoolVersion.string)")
