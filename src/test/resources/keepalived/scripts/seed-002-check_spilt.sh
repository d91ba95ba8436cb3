vip=10.0.0.3
master_ip=10.0.0.5

ping -c2 $master_ip &>/dev/null
if [ $? -eq 0 ];then
 ip_check=$(ip addr | grep "$vip" | wc -l)
 if [ $ip_check -eq 1 ];then
 echo "脑列"
 systemctl stop keepalived
 fi
fi
