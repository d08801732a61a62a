"""Photo import: recognise, hash, read EXIF, copy into the library, derive thumbnails and upload copies. No Qt."""
