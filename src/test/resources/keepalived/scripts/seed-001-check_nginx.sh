#!/bin/bash
A=ps -C nginx --no-header |wc -l
#统计nginx进程是否存在
if $A -eq 0 ;then #为0,表明nginx停止了
/usr/local/nginx/sbin/nginx #尝试重启nginx
if ps -C nginx --no-header |wc -l
-eq 0 ;then #nginx重启失败,则keepalived自杀,进行VIP转移
killall keepalived #杀掉,vip就漫游到另一台机器
fi
fi
