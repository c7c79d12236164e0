// Package shard splits a run into shards for a cluster and puts them back
// together: the shard spec (K/N, or the scheduler's array index), the part
// file a shard writes (its integer totals, in a compact versioned format with
// a checksum), the checks that a set of parts forms one whole run, and the
// batch scripts (Slurm, Kubernetes) that run the shards and the merge.
//
// It knows nothing of the simulation: a part's payload is sections of arrays
// of integers, which the sim package writes and reads back (see sim.Tally).
package shard
