package lint

// checkMedia inspects r.Post's attachments, fills in r.Media and reports the
// media rules of r.Profile that they break.
func checkMedia(r *Report, opts *Options) {}

// checkPoll reports the poll rules of r.Profile that r.Post's poll breaks.
func checkPoll(r *Report) {}
