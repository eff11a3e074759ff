import json,glob,re,os,sys,statistics as st
out=sys.argv[1]
rows={}
for f in glob.glob(out+'/r*-*.json'):
    m=re.match(r'r(\d+)-(\w+)\.json',os.path.basename(f)); r,a=int(m.group(1)),m.group(2)
    j=json.load(open(f))['results'][0]; ps=j['perSuite']
    rows.setdefault(r,{})[a]=dict(full=(j['wall']['pairedOverheadMicrosPerTest'],j['threadCpu']['pairedOverheadMicrosPerTest']),
        suite=(ps['wall']['pairedOverheadMicrosPerTest'],ps['threadCpu']['pairedOverheadMicrosPerTest']),
        beyond=(ps['wallBeyondMicros'],ps['threadCpuBeyondMicros']),
        pm=j['wall']['medianProtectedMs'],um=j['wall']['medianUnprotectedMs'])
# the third arm is main without its replay: rounds0 (TestNG) or engineoff (JUnit), whichever the folder holds
off='engineoff' if any(a=='engineoff' for r in rows.values() for a in r) else 'rounds0'
arms=['base','main',off]
commit=sys.argv[2] if len(sys.argv)>2 else ('06b7eca' if off=='engineoff' else 'bfca03e')  # main's commit, as measured
names={'base':'base `9ccadd5`','main':'main `%s`'%commit,'rounds0':'main, `rounds=0`','engineoff':'main, engine off'}
print('| round | '+' | '.join(names[a] for a in arms)+' |'); print('|---:|'+'---|'*3)
cols={}
for r in sorted(rows):
    cells=[]
    for a in arms:
        v=rows[r].get(a)
        if not v: cells.append('–'); continue
        for k in ['full','suite','beyond']:
            cols.setdefault((a,k,0),[]).append(v[k][0]); cols.setdefault((a,k,1),[]).append(v[k][1])
        cells.append('%.2f · %.0f · %.2f'%(v['full'][0],v['suite'][0],v['beyond'][0]))
    print(f'| {r} | '+' | '.join(cells)+' |')
for i,lab in [(0,'wall'),(1,'thread CPU')]:
    print(f'| **median, {lab}** | '+' | '.join('**%.2f · %.0f · %.2f**'%(st.median(cols[(a,'full',i)]),st.median(cols[(a,'suite',i)]),st.median(cols[(a,'beyond',i)])) for a in arms)+' |')
# spread
for a in arms:
    b=sorted(cols[(a,'beyond',0)]); print(a,'beyond wall sorted',[round(x,2) for x in b])
# Mann-Whitney U base vs rounds0 and base vs main on beyond wall
def mw(x,y):
    allv=sorted([(v,0) for v in x]+[(v,1) for v in y]); ranks={}
    # average ranks
    i=0; R=[0]*len(allv)
    while i<len(allv):
        j=i
        while j+1<len(allv) and allv[j+1][0]==allv[i][0]: j+=1
        for k in range(i,j+1): R[k]=(i+j)/2+1
        i=j+1
    r1=sum(R[k] for k in range(len(allv)) if allv[k][1]==0)
    n1,n2=len(x),len(y); U=r1-n1*(n1+1)/2
    mu=n1*n2/2; sd=(n1*n2*(n1+n2+1)/12)**.5
    return U, (U-mu)/sd
for a in ['main',off]:
    for k in ['full','beyond','suite']:
        U,z=mw(cols[('base',k,0)],cols[(a,k,0)]); print('MW base vs',a,k,'U=%.1f z=%.2f'%(U,z))
