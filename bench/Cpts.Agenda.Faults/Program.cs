using Cpts.Agenda.Faults;

// Fault-injection helpers for bench/faults.sh. Loopback only; every loop is bounded in time.
//   seed   --connection CS --slots N                       free SNP slots for the storm (prints nothing else)
//   storm  --connection CS --url U[,U2] --seconds S --clients C --acked FILE [--tag T] [--slots N (20000)] [--rate R per second (0: unpaced)]
//   verify --connection CS --url U --acked FILE            invariants + every acknowledged booking once + replays
return await Cli.RunAsync(args);
