// The AWS SDK warns on Node 20 that its releases from January 2027 need Node 22. The README says so once;
// the local broker and its tools need not print nine lines of it at every start. Deployed functions run on
// Node 22, where the SDK has nothing to say. Import this before anything creates an SDK client.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
