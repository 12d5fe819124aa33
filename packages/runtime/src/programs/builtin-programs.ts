// Every program the simulator knows, by the name image markers use (`#!dockyard-program nginx`).

import { agnhost, liveness } from './agnhost.ts';
import { app } from './app-profile.ts';
import { COREUTILS } from './coreutils.ts';
import { dockerInit } from './docker-init.ts';
import { gbFrontendV4, gbFrontendV5, gbRedisFollower, gbRedisSlave } from './guestbook.ts';
import { helloApp } from './hello-app.ts';
import { mariadbd, mariadbEntrypoint, mysqld, mysqlEntrypoint } from './mysql.ts';
import { helperProcess } from './helpers.ts';
import { hpaExample } from './hpa-example.ts';
import { NET_TOOLS } from './net-tools.ts';
import { nginx, nginxEntrypoint } from './nginx.ts';
import { node, nodeEntrypoint } from './node.ts';
import { npm } from './npm.ts';
import { pgIsready, postgres, postgresEntrypoint } from './postgres.ts';
import { redisCli, redisEntrypoint, redisServer } from './redis.ts';
import { pause } from './pause.ts';
import { perl } from './perl.ts';
import { ProgramRegistry } from './registry.ts';
import { Shell } from './shell/shell.ts';
import { envExec, sleep, streamReader } from './sleep.ts';
import { stress, stressWorker, vishStress } from './stress.ts';

export function builtinPrograms(): ProgramRegistry {
  const registry = new ProgramRegistry();
  return registry.register(
    new Shell('sh', registry),
    new Shell('bash', registry),
    ...COREUTILS,
    ...NET_TOOLS,
    sleep,
    streamReader,
    envExec,
    helperProcess,
    nginx,
    nginxEntrypoint,
    redisServer,
    redisEntrypoint,
    redisCli,
    postgres,
    postgresEntrypoint,
    pgIsready,
    node,
    nodeEntrypoint,
    npm,
    app,
    stress,
    stressWorker,
    vishStress,
    agnhost,
    liveness,
    pause,
    dockerInit,
    helloApp('hello-app', '1.0.0'),
    helloApp('hello-app-2', '2.0.0'),
    perl,
    hpaExample,
    gbFrontendV5,
    gbFrontendV4,
    gbRedisSlave,
    gbRedisFollower,
    mysqlEntrypoint,
    mysqld,
    mariadbEntrypoint,
    mariadbd,
  );
}
