// The rule engine's host is composed in Hosting/ once the engine's parts land; until then it does nothing.
return 0;
