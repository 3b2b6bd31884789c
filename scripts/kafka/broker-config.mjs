/**
 * The files a single combined KRaft node needs: server.properties and a log4j2 config.
 * Listeners (ports chosen free at start):
 *   PLAINTEXT://127.0.0.1:P        clients without auth (and inter-broker traffic)
 *   SASL_PLAINTEXT://127.0.0.1:S   clients with SCRAM-SHA-256 (user created at format time)
 *   CONTROLLER://127.0.0.1:C       the KRaft quorum, PLAINTEXT on purpose: SCRAM credentials live
 *                                  in the metadata log the controller serves, so it cannot need them.
 */
import { randomBytes } from 'node:crypto';

/** @param {{plaintextPort:number, saslPort:number, controllerPort:number, dataDir:string, scramUser:string}} o */
export function serverProperties(o) {
  const lines = [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=127.0.0.1:${o.controllerPort}`,
    'controller.listener.names=CONTROLLER',
    `listeners=PLAINTEXT://127.0.0.1:${o.plaintextPort},SASL_PLAINTEXT://127.0.0.1:${o.saslPort},CONTROLLER://127.0.0.1:${o.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${o.plaintextPort},SASL_PLAINTEXT://127.0.0.1:${o.saslPort}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    'sasl.enabled.mechanisms=SCRAM-SHA-256',
    'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    // ACLs on, so "not authorised" is testable: PLAINTEXT (ANONYMOUS: inter-broker, controller and
    // plain clients) and the main SCRAM user are super users; any other SCRAM user gets only what
    // ACLs grant it (nothing, unless a test creates ACLs).
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:ANONYMOUS;User:${o.scramUser}`,
    'allow.everyone.if.no.acl.found=false',
    `log.dirs=${o.dataDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    // One partition, like the offsets topic. The default 50 are created and loaded when the first
    // transactional producer starts; on two busy cores that held the broker's metadata publishing
    // for 17 s (broker log: 50 __transaction_state leaderships, then "Exceptionally slow controller
    // event"), and a topic created meanwhile stayed UNKNOWN_TOPIC_OR_PARTITION (cluster test).
    'transaction.state.log.num.partitions=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Two cores on these machines: a few threads each is plenty and keeps start-up quick.
    'num.network.threads=3',
    'num.io.threads=4',
    // Tests create and delete topics freely.
    'auto.create.topics.enable=false',
    'delete.topic.enable=true',
    // A throwaway node: don't spend disk or time on retention bookkeeping.
    'log.segment.bytes=67108864',
    'log.retention.check.interval.ms=300000',
  ];
  return lines.join('\n') + '\n';
}

/** Console logging (stdout goes to broker.log). INFO on the lines start-up waits for, WARN elsewhere. */
export function log4j2Properties() {
  return [
    'status=warn',
    'appender.console.type=Console',
    'appender.console.name=STDOUT',
    'appender.console.layout.type=PatternLayout',
    'appender.console.layout.pattern=[%d] %p %m (%c)%n',
    'rootLogger.level=WARN',
    'rootLogger.appenderRef.stdout.ref=STDOUT',
    // "Kafka Server started" comes from kafka.server.BrokerServer via kafka.server.KafkaBroker.
    'logger.kafka.name=kafka.server',
    'logger.kafka.level=INFO',
    'logger.kafkalog.name=kafka.Kafka',
    'logger.kafkalog.level=INFO',
  ].join('\n') + '\n';
}

/** A KRaft cluster id: 16 random bytes, base64url without padding (22 chars). */
export function newClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    // An id starting with '-' would be read as an option by the storage tool's argument parser.
    if (!id.startsWith('-')) return id;
  }
}

/** The `--add-scram` argument; ScramParser splits on ',' and ']' so those cannot be in a value. */
export function scramArg(user, password) {
  for (const [what, v] of [['user name', user], ['password', password]]) {
    if (!v || /[,\[\]"=\s]/.test(v)) {
      throw new Error(`The local broker's SCRAM ${what} must be non-empty and contain no comma, bracket, quote, '=' or space.`);
    }
  }
  return `SCRAM-SHA-256=[name=${user},password=${password}]`;
}
