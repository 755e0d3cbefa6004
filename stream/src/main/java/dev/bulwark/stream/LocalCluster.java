package dev.bulwark.stream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink cluster inside this JVM (a JobManager and {@code taskManagers} TaskManagers), for {@code
 * bulwark stream run}, the tests and the benchmark. TaskManagers can be stopped to show recovery.
 */
public final class LocalCluster implements AutoCloseable {
  private final MiniCluster cluster;

  private LocalCluster(MiniCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts a cluster of {@code taskManagers} TaskManagers with {@code slots} slots each. */
  public static LocalCluster start(int taskManagers, int slots) throws Exception {
    return start(taskManagers, slots, null);
  }

  /**
   * As {@link #start(int, int)}, with checkpoints written under {@code checkpoints} (a directory)
   * rather than kept in the JobManager's memory, as a cluster's {@code execution.checkpointing.dir}
   * writes them.
   */
  public static LocalCluster start(int taskManagers, int slots, java.nio.file.Path checkpoints)
      throws Exception {
    Configuration c = StreamJob.configuration();
    if (checkpoints != null) {
      c.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
    }
    c.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
    // spread a job's tasks over the TaskManagers rather than fill the first one
    c.setString("cluster.evenly-spread-out-slots", "true");
    c.setString("taskmanager.memory.network.min", "32m");
    c.setString("taskmanager.memory.network.max", "32m");
    c.setString("taskmanager.memory.managed.size", "32m");
    // the web endpoint on loopback and on any free port: Flink's 8081 may be taken (a standalone
    // Flink, another local cluster), and a local run serves no one else
    c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    c.set(RestOptions.ADDRESS, "127.0.0.1");
    c.set(RestOptions.BIND_PORT, "0");
    MiniCluster mc =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(c)
                .setNumTaskManagers(taskManagers)
                .setNumSlotsPerTaskManager(slots)
                .build());
    mc.start();
    return new LocalCluster(mc);
  }

  /** Submits the job and returns its id without waiting for it. */
  public JobID submit(StreamJob.Options o) throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(StreamJob.configuration());
    StreamJob.build(env, o);
    org.apache.flink.streaming.api.graph.StreamGraph graph = env.getStreamGraph();
    graph.setJobId(new JobID());
    graph.setJobName("bulwark stream");
    return cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
  }

  /** Waits for a bounded job to end; throws when it failed. */
  public void await(JobID job, Duration timeout) throws Exception {
    // callers that want no Flink runtime types in their own signatures (the CLI, the bench)
    result(job, timeout);
  }

  /** Waits for a bounded job to end and returns its result; throws when it failed. */
  public JobResult result(JobID job, Duration timeout) throws Exception {
    JobResult r = cluster.requestJobResult(job).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!r.isSuccess()) {
      Throwable cause =
          r.getSerializedThrowable()
              .map(t -> t.deserializeError(getClass().getClassLoader()))
              .orElse(null);
      throw new IllegalStateException(
          "the stream job failed: " + r.getJobStatus().orElse(null), cause);
    }
    return r;
  }

  /** A counter a finished job's operators kept (a Flink accumulator), or 0 when none was kept. */
  public static long counter(JobResult r, String name) throws Exception {
    var v = r.getAccumulatorResults().get(name);
    if (v == null) {
      return 0;
    }
    Object value = v.deserializeValue(LocalCluster.class.getClassLoader()).getUnchecked();
    return value instanceof Number n ? n.longValue() : 0;
  }

  /**
   * The size of a job's latest completed checkpoint: its id, the bytes of state it holds in all
   * (Flink's "state size") and per operator chain, named as Flink names them; null before the first
   * checkpoint completes.
   */
  public record Checkpoint(long id, long stateBytes, java.util.Map<String, Long> byOperator) {}

  public Checkpoint latestCheckpoint(JobID job) throws Exception {
    return checkpoint(job, -1);
  }

  /**
   * Checkpoint {@code id} of the job as {@link #latestCheckpoint} gives it (a negative id: the
   * latest); null when it did not complete or is older than the statistics Flink keeps.
   */
  public Checkpoint checkpoint(JobID job, long id) throws Exception {
    var graph = cluster.getExecutionGraph(job).get(30, TimeUnit.SECONDS);
    var history = graph.getCheckpointStatsSnapshot().getHistory();
    var stats = id < 0 ? history.getLatestCompletedCheckpoint() : history.getCheckpointById(id);
    if (!(stats instanceof org.apache.flink.runtime.checkpoint.CompletedCheckpointStats done)) {
      return null;
    }
    java.util.Map<String, Long> by = new java.util.TreeMap<>();
    for (var task : done.getAllTaskStateStats()) {
      var vertex = graph.getJobVertex(task.getJobVertexId());
      by.merge(
          vertex == null ? task.getJobVertexId().toString() : vertex.getName(),
          task.getStateSize(),
          Long::sum);
    }
    return new Checkpoint(done.getCheckpointId(), done.getStateSize(), by);
  }

  public JobStatus status(JobID job) throws Exception {
    return cluster.getJobStatus(job).get(30, TimeUnit.SECONDS);
  }

  public void cancel(JobID job) throws Exception {
    cluster.cancelJob(job).get(30, TimeUnit.SECONDS);
  }

  /** Stops TaskManager {@code index} abruptly, as a crashed machine would. */
  public void killTaskManager(int index) throws Exception {
    cluster.terminateTaskManager(index).get(60, TimeUnit.SECONDS);
  }

  /** Starts one more TaskManager, as a cluster manager replaces a lost one. */
  public void startTaskManager() throws Exception {
    cluster.startTaskManager();
  }

  @Override
  public void close() {
    try {
      cluster.closeAsync().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the local Flink cluster did not stop: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
