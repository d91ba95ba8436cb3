#!/usr/bin/bash

nginx_port=$(netstat -lntp|grep :80|wc -l)
if [ $nginx_port -ne 1 ];then

 systemctl start nginx &>/dev/null
 rc=$?
 sleep 3
 if [ $rc -ne 0 ];then
 systemctl stop  keepalived 
 fi
fi
